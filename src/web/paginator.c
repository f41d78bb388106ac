/*
 * Patchwork's paginator (paginator.h), shared by the site's lists.
 */
#include "web/paginator.h"

#include "mail/pystr.h"

gint64 pages_requested(const char *page_param)
{
	gint64 n = 1;
	if (page_param && !py_parse_int(page_param, &n))
		n = 1;
	return CLAMP(n, 1, G_MAXINT32);
}

void pages_compute(struct pages *p, gint64 count, gint64 per_page,
		   const char *page_param)
{
	memset(p, 0, sizeof(*p));
	p->count = count;
	p->per_page = per_page;
	p->num_pages = count ? (count + per_page - 1) / per_page : 1;
	gint64 n = pages_requested(page_param);
	if (n > p->num_pages)
		n = p->num_pages;
	p->number = n;
	gint64 pages = p->num_pages, lo, hi;
	if (pages <= 4) {
		lo = 1;
		hi = pages;
	} else if (n < 4) {
		lo = 1;
		hi = 4;
		p->trailing[0] = pages - 1;
		p->trailing[1] = pages;
		p->n_trailing = 2;
	} else if (n >= pages - 2) {
		lo = pages - 3;
		hi = pages;
		p->leading[0] = 1;
		p->leading[1] = 2;
		p->n_leading = 2;
	} else {
		lo = n - 1;
		hi = n + 1;
		p->leading[0] = 1;
		p->leading[1] = 2;
		p->n_leading = 2;
		p->trailing[0] = pages - 1;
		p->trailing[1] = pages;
		p->n_trailing = 2;
	}
	p->adjacent_first = MAX(lo, 1);
	p->adjacent_last = MIN(hi, pages);
	/* an ellipsis only where numbers are not contiguous; Patchwork's
	 * repeats a number where they overlap (page 5 of 5 lists "1 2 … 2
	 * 3 4 5"): darn leaves the repeated ones out */
	if (p->n_leading && p->adjacent_first <= p->leading[1])
		p->adjacent_first = p->leading[1] + 1;
	if (p->n_trailing && p->adjacent_last >= p->trailing[0])
		p->adjacent_last = p->trailing[0] - 1;
	p->leading_ellipsis =
		p->n_leading && p->leading[1] != p->adjacent_first - 1;
	p->trailing_ellipsis =
		p->n_trailing && p->trailing[0] != p->adjacent_last + 1;
}

static void page_link(struct page *p, gint64 n, const char *label,
		      void (*href)(void *ctx, gint64 n), void *ctx)
{
	html_markup(p->out, "<a ");
	href(ctx, n);
	html_markup(p->out, ">");
	if (label)
		html_text(p->out, label);
	else
		html_int(p->out, n);
	html_markup(p->out, "</a> ");
}

void pages_write(struct page *p, const struct pages *g,
		 void (*href)(void *ctx, gint64 n), void *ctx)
{
	if (g->num_pages == 1)
		return;
	html_markup(p->out, "<nav class=\"paginator\" aria-label=\"pages\">");
	/* the arrows stay, unlinked, on the first and last pages */
	if (g->number > 1)
		page_link(p, g->number - 1, "«", href, ctx);
	else
		html_markup(p->out, "<span class=\"prev-na\">«</span> ");
	for (int i = 0; i < g->n_leading; i++)
		page_link(p, g->leading[i], NULL, href, ctx);
	if (g->leading_ellipsis)
		html_text(p->out, "… ");
	for (gint64 n = g->adjacent_first; n <= g->adjacent_last; n++) {
		if (n == g->number) {
			html_markup(p->out, "<span class=\"curr\">");
			html_int(p->out, n);
			html_markup(p->out, "</span> ");
		} else {
			page_link(p, n, NULL, href, ctx);
		}
	}
	if (g->trailing_ellipsis)
		html_text(p->out, "… ");
	for (int i = 0; i < g->n_trailing; i++)
		page_link(p, g->trailing[i], NULL, href, ctx);
	if (g->number < g->num_pages)
		page_link(p, g->number + 1, "»", href, ctx);
	else
		html_markup(p->out, "<span class=\"next-na\">»</span>");
	html_markup(p->out, "</nav>\n");
}
