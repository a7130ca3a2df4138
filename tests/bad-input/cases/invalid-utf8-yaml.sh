# A byte that is not UTF-8 in site.yaml.
printf '# \377\n' >> content/site.yaml
EXPECT='^content/site.yaml:[0-9]+:3: error: invalid UTF-8'
