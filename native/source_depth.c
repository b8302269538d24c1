/*
 * JS_Eval behind a nesting check.
 *
 * QuickJS's parser recurses once per nesting level and checks its stack only from the
 * tokenizer, whose frame is gone before the next level: in Wasm that check reads the shadow
 * stack, which parser recursion barely moves, while each level of parentheses takes about
 * 1 KB of V8's native stack. Source nested ~1,000 deep overflowed V8's stack and left the
 * instance corrupt. Source nested deeper than MAX_DEPTH brackets now gets the parser's own
 * catchable "stack overflow" error instead. Real code stays far below it.
 *
 * The scan is a light lexer: it skips comments, string and template text and regular
 * expression literals (told from division by the token before them), so brackets in them
 * do not count.
 */
#include <string.h>

#include "qts.h"

#define MAX_DEPTH 256
#define MAX_TEMPLATES 64

/* Can a '/' after `prev` (the last significant byte, 0 at the start) begin a regex? */
static int regex_allowed(unsigned char prev, const char *src, size_t word_end) {
  if (prev == 0) return 1;
  if (strchr("(,=:[!&|?{};+-*%<>~^", prev)) return 1;
  /* after a keyword such as return/typeof/case, not after an identifier or a number */
  static const char *const keywords[] = {"return", "typeof", "case", "do", "else", "in", "of",
                                         "new", "delete", "void", "throw", "yield", "await"};
  for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
    size_t k = strlen(keywords[i]);
    if (word_end >= k && memcmp(src + word_end - k, keywords[i], k) == 0 &&
        (word_end == k || !(src[word_end - k - 1] == '_' || src[word_end - k - 1] == '$' ||
                            (src[word_end - k - 1] | 32) - 'a' < 26u ||
                            src[word_end - k - 1] - '0' < 10u)))
      return 1;
  }
  return 0;
}

static int too_deep(const char *src, size_t len) {
  int depth = 0;
  int templates[MAX_TEMPLATES]; /* depth at each open ${ of a template, innermost last */
  int ntemplates = 0;
  unsigned char prev = 0;
  size_t prev_end = 0;
  size_t i = 0;
  int in_template = 0;
  while (i < len) {
    char c = src[i];
    if (in_template) {
      if (c == '\\') i += 2;
      else if (c == '`') in_template = 0, prev = '`', i++;
      else if (c == '$' && i + 1 < len && src[i + 1] == '{') {
        if (ntemplates == MAX_TEMPLATES || ++depth > MAX_DEPTH) return 1;
        templates[ntemplates++] = depth;
        in_template = 0, prev = '{', i += 2;
      } else i++;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      i++;
      continue;
    }
    if (c == '/' && i + 1 < len && src[i + 1] == '/') {
      while (i < len && src[i] != '\n') i++;
      continue;
    }
    if (c == '/' && i + 1 < len && src[i + 1] == '*') {
      const char *end = NULL;
      for (size_t j = i + 2; j + 1 < len; j++)
        if (src[j] == '*' && src[j + 1] == '/') {
          end = src + j;
          break;
        }
      i = end ? (size_t)(end - src) + 2 : len;
      continue;
    }
    if (c == '"' || c == '\'') {
      for (i++; i < len && src[i] != c && src[i] != '\n'; i++)
        if (src[i] == '\\') i++;
      i++, prev = 'a';
      continue;
    }
    if (c == '`') {
      in_template = 1, i++;
      continue;
    }
    if (c == '/' && regex_allowed(prev, src, prev_end)) {
      int in_class = 0;
      for (i++; i < len && src[i] != '\n'; i++) {
        if (src[i] == '\\') i++;
        else if (src[i] == '[') in_class = 1;
        else if (src[i] == ']') in_class = 0;
        else if (src[i] == '/' && !in_class) break;
      }
      i++, prev = 'a';
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      if (++depth > MAX_DEPTH) return 1;
    } else if (c == ')' || c == ']' || c == '}') {
      if (c == '}' && ntemplates > 0 && templates[ntemplates - 1] == depth) {
        ntemplates--, depth--, in_template = 1, i++;
        continue;
      }
      depth--;
    }
    prev = (unsigned char)c;
    i++;
    prev_end = i;
  }
  return 0;
}

JSValue qjsw_eval(JSContext *ctx, const char *src, size_t len, const char *filename, int flags) {
  if (too_deep(src, len)) return JS_ThrowInternalError(ctx, "stack overflow");
  return JS_Eval(ctx, src, len, filename, flags);
}
