"""What the model classes are built on: the source cut into lines, its layout, the plain
text of Markdown, the flat (pickle) form and link references. Nothing here imports the
parser (`newsdump._parse`) or the writer."""
