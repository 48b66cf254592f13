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
#endif
