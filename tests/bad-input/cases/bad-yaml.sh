# A YAML syntax error in site.yaml: an unclosed flow sequence.
printf 'title: "x"\nsource_language: en\nlanguages: [ {code: en, name: English\n' > content/site.yaml
EXPECT='^content/site.yaml:[0-9]+(:[0-9]+)?: error: '
