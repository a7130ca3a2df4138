# A misspelt front-matter key: the error suggests the key that was meant.
sed -i 's/^title:/titel:/' content/basics/01-welcome/index.md
EXPECT='^content/basics/01-welcome/index.md:2: error: unknown key "titel" \(did you mean "title"\?\)'
