# Turns the files of templates/ into a C table of built-in templates, so the
# binary needs no files at run time. usage: awk -f src/templates.awk templates/*.md ...
BEGIN {
	print "/* Generated from templates/ by src/templates.awk: do not edit. */"
	print "#include \"render.h\""
	print ""
	print "const dr_builtin dr_builtins[] = {"
	n = 0
}
FNR == 1 {
	if (n++)
		print "\"},"
	name = FILENAME
	sub(/.*\//, "", name)
	printf "\t{\"%s\", \"", name
}
{
	line = $0
	gsub(/\\/, "\\\\", line)
	gsub(/"/, "\\\"", line)
	gsub(/\?/, "\\?", line)
	gsub(/\t/, "\\t", line)
	printf "%s\\n\"\n\t\t\"", line
}
END {
	if (n)
		print "\"},"
	print "};"
	print ""
	printf "const size_t dr_builtin_count = %d;\n", n
}
