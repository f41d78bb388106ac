/*
 * The keyboard shortcuts' script and the series pages' styles, appended
 * by assets.c to the site's script and stylesheet (keys.c).
 */
#ifndef DARN_WEB_KEYS_H
#define DARN_WEB_KEYS_H

extern const char web_keys_script[];
extern const char web_keys_style[];

#endif
