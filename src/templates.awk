# Turns the files of templates/ into a C table of built-in templates, so the
# binary needs no files at run time. usage: awk -f src/templates.awk templates/*.md ...
# Each text is a char array, not a string literal: C11 promises string
# literals of only 4095 bytes (-Woverlength-strings) and a page is longer.
# Run with LC_ALL=C, so that awk reads bytes, not characters.
BEGIN {
	print "/* Generated from templates/ by src/templates.awk: do not edit. */"
	print "#include \"templates.h\""
	print ""
	n = 0
	for (i = 0; i < 256; i++)
		code[sprintf("%c", i)] = i
}
FNR == 1 {
	if (n)
		print "0};"
	names[n] = FILENAME
	sub(/.*\//, "", names[n])
	printf "static const unsigned char text%d[] = {\n", n++
}
{
	line = $0 "\n"
	out = "\t"
	for (i = 1; i <= length(line); i++)
		out = out code[substr(line, i, 1)] ","
	print out
}
END {
	if (n)
		print "0};"
	print ""
	print "const dr_builtin dr_builtins[] = {"
	for (i = 0; i < n; i++)
		printf "\t{\"%s\", (const char *)text%d},\n", names[i], i
	print "};"
	print ""
	printf "const size_t dr_builtin_count = %d;\n", n
}
