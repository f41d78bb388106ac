/*
 * Functions darn never calls: unbounded copies, formatting without a
 * length, hidden static state. (ctime stays allowed as a
 * word: libgit2 names a struct field after it.) Forced into every translation
 * unit by the Makefile (-include), after the system headers that declare them,
 * so any use is a compile error. Use g_strlcpy, g_strdup_printf/GString,
 * g_strsplit and gmtime_r/GDateTime instead.
 */
#ifndef DARN_BANNED_H
#define DARN_BANNED_H

#include <stdio.h>
#include <string.h>
#include <time.h>

#pragma GCC poison strcpy strcat sprintf vsprintf strtok gmtime localtime \
	asctime

#endif
