/*
 * The pages of accounts (login, registration, password, mail settings):
 * a page with the site's layout and Django-style forms (a table of
 * labelled fields, each with its errors), written through html.h only.
 * The layout is the site's (page.h).
 */
#ifndef DARN_WEB_FORM_PAGE_H
#define DARN_WEB_FORM_PAGE_H

#include "web/page.h"

struct form_page {
	struct page page;
	struct web *w;
	GString *out; /* the response body (borrowed) */
};

/* Starts an HTML page: status, title (" - Patchwork" follows), the
 * site's header and navigation. */
void form_page_begin(struct form_page *p, struct web *w, int status,
		     const char *title);
void form_page_end(struct form_page *p);

/* A paragraph of text. */
void form_page_text(struct form_page *p, const char *text);
/* The error list of the page (id "errors"): one item per error, when
 * `error` is not NULL. */
void form_page_error(struct form_page *p, const char *error);

/* <form method="post" [action=...]>, the CSRF field and a table whose
 * header row says `heading` (NULL: none). */
void form_page_form_begin(struct form_page *p, const char *action,
			  const char *heading);
/* The submit row, then closes the table and the form. */
void form_page_form_end(struct form_page *p, const char *submit);

struct form_field {
	const char *label; /* "Username" (": " follows) */
	const char *name;
	const char *type;  /* "text", "email", "password", "hidden" */
	const char *value; /* NULL: empty (always for passwords) */
	int maxlength;	   /* 0: none */
	gboolean required;
	const char *error; /* shown under the field, or NULL */
};
void form_page_field(struct form_page *p, const struct form_field *f);

#endif
