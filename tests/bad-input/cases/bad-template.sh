# A template with a section that is never closed.
printf '{{#module}}\n<p>open</p>\n' > assets/templates/track.html
EXPECT='^assets/templates/track.html:1: error: section "module" is not closed'
