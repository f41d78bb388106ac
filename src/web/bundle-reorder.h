/*
 * The script and styles that reorder a bundle's rows by drag and drop
 * and by keyboard, appended by assets.c to the site's script and
 * stylesheet (bundle-reorder.c).
 */
#ifndef DARN_WEB_BUNDLE_REORDER_H
#define DARN_WEB_BUNDLE_REORDER_H

extern const char web_bundle_reorder_script[];
extern const char web_bundle_reorder_style[];

#endif
