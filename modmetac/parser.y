/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The modmeta grammar.
 *
 *	file	: { sep | module }
 *	module	: "module" WORD { NEWLINE } block
 *	block	: "{" { sep | field sep | error sep } [ field ] "}"
 *	field	: WORD { WORD | STRING } [ block ]
 *	sep	: NEWLINE | ";"
 *
 * Which fields exist and what values they take is checked later (check.c).
 * Actions only call the constructors of ast.c.  A syntax error skips to the
 * end of the line (or field) and parsing goes on, so that one run reports
 * every independent error.
 */
%define api.pure full
%define parse.error detailed
%locations
%expect 0

%param {yyscan_t scanner}
%parse-param {struct parse_ctx *ctx}
%initial-action { @$.file = ctx->file; }

%code requires {
#include "ast.h"
#include "parse.h"

#define YYLTYPE struct srcpos
#define YYLTYPE_IS_DECLARED 1
#define YYLTYPE_IS_TRIVIAL 1

/* Like bison's default, keeping the file of the position. */
#define YYLLOC_DEFAULT(cur, rhs, n)					\
	do {								\
		if (n) {						\
			(cur).first_line = YYRHSLOC(rhs, 1).first_line;	\
			(cur).first_column = YYRHSLOC(rhs, 1).first_column; \
			(cur).last_line = YYRHSLOC(rhs, n).last_line;	\
			(cur).last_column = YYRHSLOC(rhs, n).last_column; \
			(cur).file = YYRHSLOC(rhs, 1).file;		\
		} else {						\
			(cur).first_line = (cur).last_line =		\
				YYRHSLOC(rhs, 0).last_line;		\
			(cur).first_column = (cur).last_column =	\
				YYRHSLOC(rhs, 0).last_column;		\
			(cur).file = YYRHSLOC(rhs, 0).file;		\
		}							\
	} while (0)

typedef void *yyscan_t;
}

%code {
#include "diag.h"

int yylex(YYSTYPE *lval, YYLTYPE *lloc, yyscan_t scanner);
static void yyerror(YYLTYPE *loc, yyscan_t scanner, struct parse_ctx *ctx,
		    const char *msg);
}

%union {
	char *str;
	struct value *value;
	struct value_list values;
	struct field *field;
	struct field_list fields;
	struct module *module;
}

%token KW_MODULE	"'module'"
%token <str> WORD	"word"
%token <str> STRING	"string"
%token NEWLINE		"end of line"

%type <module> module
%type <fields> block body
%type <field> field
%type <values> values
%type <value> value

%%

file:
	  %empty
	| file sep
	| file module		{ module_append(&ctx->modules, $2); }
	| file error sep
	;

module:
	  KW_MODULE WORD newlines block
				{ $$ = module_new(ctx->arena, $2, &@2, &$4); }
	;

newlines:
	  %empty
	| newlines NEWLINE
	;

block:
	  '{' body '}'		{ $$ = $2; }
	| '{' body field '}'	{ $$ = $2; field_append(&$$, $3); }
	| '{' body error '}'	{ $$ = $2; }
	;

body:
	  %empty		{ $$ = (struct field_list){ 0 }; }
	| body sep		{ $$ = $1; }
	| body field sep	{ $$ = $1; field_append(&$$, $2); }
	| body error sep	{ $$ = $1; yyerrok; }
	;

field:
	  WORD values		{ $$ = field_new(ctx->arena, $1, &@1, &$2); }
	| WORD values block	{
					$$ = field_new(ctx->arena, $1, &@1, &$2);
					field_set_block($$, &$3);
				}
	;

values:
	  %empty		{ $$ = (struct value_list){ 0 }; }
	| values value		{ $$ = $1; value_append(&$$, $2); }
	;

value:
	  WORD			{ $$ = value_new(ctx->arena, VAL_WORD, $1, &@1); }
	| STRING		{ $$ = value_new(ctx->arena, VAL_STRING, $1, &@1); }
	;

sep:
	  NEWLINE
	| ';'
	;

%%

static void yyerror(YYLTYPE *loc, yyscan_t scanner, struct parse_ctx *ctx,
		    const char *msg)
{
	(void)scanner;
	(void)ctx;
	diag(CHK_SYNTAX, loc, "%s", msg);
}
