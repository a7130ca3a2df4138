# No content folder at all.
rm -rf content
EXPECT='^content: error: content folder not found'
