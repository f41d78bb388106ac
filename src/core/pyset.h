/*
 * The iteration order of a CPython 3.11 set of positive integers (or of
 * Django model instances, whose hash is their primary key's). Patchwork
 * saves the patches of a relation change by iterating such a set
 * (rest-api.md §6.5.5), and each save may emit an event: the events'
 * order is the set's order, which this reproduces (Objects/setobject.c:
 * open addressing, 9 linear probes, then perturbation; the table grows
 * to hold four times its entries once 3/5 full).
 */
#ifndef DARN_CORE_PYSET_H
#define DARN_CORE_PYSET_H

#include <glib.h>

struct pyset {
	gint64 *table; /* 0: an empty slot */
	gsize mask, fill;
};

void pyset_init(struct pyset *s);
void pyset_clear(struct pyset *s);
/* set.add(key); key > 0. */
void pyset_add(struct pyset *s, gint64 key);
/* *dst = set(src) as set.union() starts: dst must be freshly initialised. */
void pyset_copy(struct pyset *dst, const struct pyset *src);
/* The keys in iteration order: a new GArray of gint64 (caller frees). */
GArray *pyset_items(const struct pyset *s);

#endif
