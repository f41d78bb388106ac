/*
 * The schema migrations compiled into darn (generated from
 * src/store/migrations/NNNN_name.sql by scripts/embed-sql.awk). Applied in
 * order by db_migrate(); the database records the highest one applied.
 */
#ifndef DARN_STORE_MIGRATIONS_H
#define DARN_STORE_MIGRATIONS_H

struct migration {
	int version;	  /* NNNN of the file name */
	const char *name; /* file name, for messages */
	/* portable SQL with @ID@, @BLOB@ and @NULLS_FIRST@ placeholders */
	const char *sql;
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
