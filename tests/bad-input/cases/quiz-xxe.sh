# An external entity (XXE): refused, never fetched or expanded.
sed -i 's|<?xml version="1.0" encoding="UTF-8"?>|<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE quiz [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>|' content/basics/01-welcome/quiz.xml
sed -i 's|<explanation>Raw HTML is never passed through.</explanation>|<explanation>\&x;</explanation>|' content/basics/01-welcome/quiz.xml
EXPECT='^content/basics/01-welcome/quiz.xml:2: error: DOCTYPE is not allowed'
