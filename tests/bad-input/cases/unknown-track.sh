# A folder in content/ that site.yaml does not list as a track.
mkdir -p content/extras/01-x
EXPECT='^content/extras: error: unknown track "extras"'
