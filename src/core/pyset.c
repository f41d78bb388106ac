/*
 * CPython 3.11's set iteration order for positive integer keys; see
 * core/pyset.h. Only what Patchwork's relation update does with its
 * sets is reproduced: adds (no removals, hence no dummy entries) and
 * the copy that set.union() begins with.
 */
#include "core/pyset.h"

#define MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

void pyset_init(struct pyset *s)
{
	s->table = g_new0(gint64, MINSIZE);
	s->mask = MINSIZE - 1;
	s->fill = 0;
}

void pyset_clear(struct pyset *s)
{
	g_free(s->table);
	s->table = NULL;
}

/* set_insert_clean(): the key is known to be absent. */
static void insert_clean(gint64 *table, gsize mask, gint64 key)
{
	gsize perturb = (gsize)key;
	gsize i = (gsize)key & mask;
	for (;;) {
		if (!table[i]) {
			table[i] = key;
			return;
		}
		if (i + LINEAR_PROBES <= mask) {
			for (gsize j = 1; j <= LINEAR_PROBES; j++) {
				if (!table[i + j]) {
					table[i + j] = key;
					return;
				}
			}
		}
		perturb >>= PERTURB_SHIFT;
		i = (i * 5 + 1 + perturb) & mask;
	}
}

/* set_table_resize(): the smallest power of two above minused, entries
 * re-inserted in the old table's order. */
static void resize(struct pyset *s, gsize minused)
{
	gsize size = MINSIZE;
	while (size <= minused)
		size <<= 1;
	gint64 *table = g_new0(gint64, size);
	for (gsize i = 0; i <= s->mask; i++)
		if (s->table[i])
			insert_clean(table, size - 1, s->table[i]);
	g_free(s->table);
	s->table = table;
	s->mask = size - 1;
}

void pyset_add(struct pyset *s, gint64 key)
{
	gsize perturb = (gsize)key;
	gsize i = (gsize)key & s->mask;
	for (;;) {
		gsize probes = i + LINEAR_PROBES <= s->mask ? LINEAR_PROBES : 0;
		for (gsize j = 0; j <= probes; j++) {
			gint64 *slot = &s->table[i + j];
			if (*slot == key)
				return;
			if (!*slot) {
				*slot = key;
				s->fill++;
				if (s->fill * 5 >= s->mask * 3)
					resize(s, s->fill * 4);
				return;
			}
		}
		perturb >>= PERTURB_SHIFT;
		i = (i * 5 + 1 + perturb) & s->mask;
	}
}

void pyset_copy(struct pyset *dst, const struct pyset *src)
{
	/* set_merge() into an empty set */
	if (src->fill * 5 >= dst->mask * 3)
		resize(dst, src->fill * 2);
	if (dst->mask == src->mask) {
		for (gsize i = 0; i <= src->mask; i++)
			dst->table[i] = src->table[i];
	} else {
		for (gsize i = 0; i <= src->mask; i++)
			if (src->table[i])
				insert_clean(dst->table, dst->mask,
					     src->table[i]);
	}
	dst->fill = src->fill;
}

GArray *pyset_items(const struct pyset *s)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(gint64));
	for (gsize i = 0; i <= s->mask; i++)
		if (s->table[i])
			g_array_append_val(out, s->table[i]);
	return out;
}
