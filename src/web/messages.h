/*
 * What a page tells its user about the request it answers, as Django's
 * messages framework and Patchwork's error list: messages ("2 patches
 * updated", in <ul class="messages">) and errors (in <div id="errors">,
 * "The following error was encountered:"). A handler adds them before
 * page_begin(), which writes them under the site's header.
 */
#ifndef DARN_WEB_MESSAGES_H
#define DARN_WEB_MESSAGES_H

#include "web/page.h"

/* Django's message levels, which are the items' classes. */
enum web_message_level {
	WEB_MESSAGE_SUCCESS,
	WEB_MESSAGE_WARNING,
	WEB_MESSAGE_ERROR,
};

/* Adds a message (printf format; the text is escaped when written). */
void web_message(struct web *w, enum web_message_level level, const char *fmt,
		 ...) G_GNUC_PRINTF(3, 4);
/* Adds an error to the page's error list. */
void web_error(struct web *w, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* How many errors were added. */
guint web_error_count(const struct web *w);
/* Frees them (web_handle, once the answer is written). */
void web_messages_clear(struct web *w);

/* Writes the messages and the error list, when there are any. */
void page_messages(struct page *p);

#endif
