#ifndef LATENT_CNCURSESW_SHIM_H
#define LATENT_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>
/* stdscr, LINES and COLS are global variables that Swift 6 refuses to touch;
   macros built from expressions do not import. Both go through this shim. */
static inline WINDOW *cncw_stdscr(void) { return stdscr; }
static inline int cncw_lines(void) { return LINES; }
static inline int cncw_cols(void) { return COLS; }
static inline int cncw_color_pair(int n) { return COLOR_PAIR(n); }
static const mmask_t CNCW_ALL_MOUSE_EVENTS = ALL_MOUSE_EVENTS;
static const mmask_t CNCW_REPORT_MOUSE_POSITION = REPORT_MOUSE_POSITION;
static const attr_t CNCW_A_BOLD = A_BOLD;
static const attr_t CNCW_A_DIM = A_DIM;
static const attr_t CNCW_A_REVERSE = A_REVERSE;
/* Mouse button masks (macros built from expressions). */
static const mmask_t CNCW_BUTTON1_PRESSED = BUTTON1_PRESSED;
static const mmask_t CNCW_BUTTON1_RELEASED = BUTTON1_RELEASED;
static const mmask_t CNCW_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t CNCW_BUTTON4_PRESSED = BUTTON4_PRESSED;
static const mmask_t CNCW_BUTTON5_PRESSED = BUTTON5_PRESSED;
static const attr_t CNCW_A_NORMAL = A_NORMAL;
static const attr_t CNCW_A_UNDERLINE = A_UNDERLINE;
/* One wide character with attributes and a colour pair, written at y, x. */
static inline int cncw_put_scalar(int y, int x, unsigned int scalar, attr_t attrs, short pair) {
  wchar_t text[2] = { (wchar_t)scalar, 0 };
  cchar_t cell;
  if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
  return mvwadd_wch(stdscr, y, x, &cell);
}
/* The next key: OK with a character, KEY_CODE_YES with a key code, or ERR. */
static inline int cncw_get_key(unsigned int *value) {
  wint_t key = 0;
  int status = wget_wch(stdscr, &key);
  *value = (unsigned int)key;
  return status;
}
#endif
