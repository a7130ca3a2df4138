# An image from the network: pages make no network requests.
printf '\n![tracker](https://example.org/pixel.png)\n' >> content/basics/02-safety/index.md
EXPECT='^content/basics/02-safety/index.md:[0-9]+: error: image "https://example.org/pixel.png" is not a local file'
