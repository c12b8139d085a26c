#ifndef ASSETMAP_CURSES_SHIM_H
#define ASSETMAP_CURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <curses.h>
#include <term.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <unistd.h>
#include <errno.h>
#include <spawn.h>
#include <sys/wait.h>

// Swift 6 rejects C globals and cannot import these macros; wrap them.
static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline int shim_lines(void) { return LINES; }
static inline int shim_cols(void) { return COLS; }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline attr_t shim_color_pair(int n) { return COLOR_PAIR(n); }
static inline int shim_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int shim_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline mmask_t shim_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED; }
static inline mmask_t shim_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t shim_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t shim_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t shim_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline int shim_key_code_yes(void) { return KEY_CODE_YES; }

static inline mmask_t shim_button1_released(void) { return BUTTON1_RELEASED; }
static inline int shim_wcwidth(wchar_t c) { return wcwidth(c); }
static inline SCREEN *shim_newterm(void) { return newterm(NULL, stdout, stdin); }
// The terminal went away (its window closed) without a SIGHUP reaching us: reads fail at once.
static inline int shim_terminal_hung_up(void) {
    struct pollfd fd = { .fd = STDIN_FILENO, .events = POLLIN, .revents = 0 };
    return poll(&fd, 1, 0) > 0 && (fd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}
static inline int shim_has_alternate_screen(void) {
    const char *enter = tigetstr("smcup");
    return enter != NULL && enter != (const char *)-1 && *enter != 0;
}
static inline const char *shim_codeset(void) { return nl_langinfo(CODESET); }
// 1 when $TERM's terminfo entry can move the cursor (cup), 0 when it cannot (dumb, a printing terminal), -1 when
// there is no entry for it. Read before newterm, which would already write to the terminal.
static inline int shim_terminal_can_address_cursor(void) {
    int error = 0;
    if (setupterm(NULL, STDOUT_FILENO, &error) != OK) return -1;
    const char *move = tigetstr("cup");
    int can = move != NULL && move != (const char *)-1 && *move != 0;
    del_curterm(cur_term);
    return can;
}

// Signals and terminal restoration, htop-style. The state below is `static`, so every Swift file that
// calls these gets its own copy: call them from ONE Swift file only (TerminalBackend/Terminal.swift).
static volatile sig_atomic_t shim_pending_signal = 0;
static volatile sig_atomic_t shim_screen_active = 0;
static int shim_saved_stderr = -1;
static int shim_stderr_capture = -1;
static struct sigaction shim_previous_actions[NSIG] = {{{0}}};
static char shim_alt_stack[65536] = {0};

// While the screen is up, stderr goes to a temporary file (a Swift fatal error would otherwise be
// printed onto the alternate screen and vanish); it is replayed once the terminal is restored.
static inline void shim_capture_stderr(void) {
    if (shim_saved_stderr >= 0) return;
    FILE *f = tmpfile();
    if (!f) return;
    int capture = dup(fileno(f));
    fclose(f);
    int saved = dup(2);
    if (capture < 0 || saved < 0 || dup2(capture, 2) < 0) {
        if (capture >= 0) close(capture);
        if (saved >= 0) close(saved);
        return;
    }
    shim_stderr_capture = capture;
    shim_saved_stderr = saved;
}

// Async-signal-safe: only dup2/lseek/read/write/close.
static inline void shim_release_stderr(void) {
    if (shim_saved_stderr < 0) return;
    dup2(shim_saved_stderr, 2);
    close(shim_saved_stderr);
    shim_saved_stderr = -1;
    if (lseek(shim_stderr_capture, 0, SEEK_SET) == 0) {
        char chunk[4096];
        ssize_t n;
        while ((n = read(shim_stderr_capture, chunk, sizeof chunk)) > 0) {
            if (write(2, chunk, (size_t)n) < 0) break;
        }
    }
    close(shim_stderr_capture);
    shim_stderr_capture = -1;
}

static inline void shim_restore_terminal(void) {
    if (shim_screen_active) {
        shim_screen_active = 0;
        endwin();
    }
    shim_release_stderr();
}

static void shim_on_terminate(int sig) { shim_pending_signal = sig; }

static volatile sig_atomic_t shim_chain_crashes = 0;

// A crash: put the terminal back, then re-raise with the default action (a core dump), or with the
// previous handler (Swift's backtracer) when chaining was asked for.
static void shim_on_crash(int sig) {
    shim_restore_terminal();
    if (shim_chain_crashes) {
        sigaction(sig, &shim_previous_actions[sig], NULL);
    } else {
        signal(sig, SIG_DFL);
    }
    raise(sig);
}

static void shim_restore_at_exit(void) { shim_restore_terminal(); }

static inline void shim_install_signal_handlers(int chain_crashes) {
    static int installed = 0;
    shim_chain_crashes = chain_crashes;
    if (installed) return;
    installed = 1;

    // A stack overflow's SIGSEGV needs its own stack to run the handler on.
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        stack_t alt = { .ss_sp = shim_alt_stack, .ss_size = sizeof shim_alt_stack, .ss_flags = 0 };
        sigaltstack(&alt, NULL);
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    // No SA_RESTART: the signal also wakes a blocked read.
    sa.sa_handler = shim_on_terminate;
    int quitting[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT };
    for (size_t i = 0; i < sizeof quitting / sizeof *quitting; i++) sigaction(quitting[i], &sa, NULL);

    sa.sa_handler = shim_on_crash;
    sa.sa_flags = SA_ONSTACK;
    int crashes[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (size_t i = 0; i < sizeof crashes / sizeof *crashes; i++)
        sigaction(crashes[i], &sa, &shim_previous_actions[crashes[i]]);

    atexit(shim_restore_at_exit);
}

static inline void shim_set_screen_active(int active) { shim_screen_active = active; }

// Runs a program with the terminal (an editor) while the screen is put away (def_prog_mode, endwin),
// and waits for it, then brings the screen back. Like system(): Ctrl-C and Ctrl-\ belong to the program
// (ignored here meanwhile, default in it); it gets the real stderr, not the capture. Returns the wait
// status, or -errno when it could not be started.
static inline int shim_run_in_terminal(char *const argv[]) {
    extern char **environ;
    def_prog_mode();
    endwin();
    shim_screen_active = 0;
    struct sigaction ignore, old_int, old_quit;
    memset(&ignore, 0, sizeof ignore);
    sigemptyset(&ignore.sa_mask);
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults;
    sigemptyset(&defaults);
    int reset[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE };
    for (size_t i = 0; i < sizeof reset / sizeof *reset; i++) sigaddset(&defaults, reset[i]);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (shim_saved_stderr >= 0) posix_spawn_file_actions_adddup2(&actions, shim_saved_stderr, 2);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &actions, &attr, argv, environ);
    int status = 0;
    if (rc == 0) {
        while (waitpid(pid, &status, 0) < 0) {
            if (errno != EINTR) { status = 0; break; }
        }
    }
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    reset_prog_mode();
    shim_screen_active = 1;
    clearok(curscr, TRUE);
    return rc == 0 ? status : -rc;
}
static inline int shim_exited(int status) { return WIFEXITED(status); }
static inline int shim_exit_status(int status) { return WEXITSTATUS(status); }
static inline int shim_term_signal(int status) { return WIFSIGNALED(status) ? WTERMSIG(status) : 0; }

/// The signal that asked us to quit (SIGTERM, SIGHUP, SIGINT, SIGQUIT), or 0.
static inline int shim_pending_quit_signal(void) { return shim_pending_signal; }
#endif
