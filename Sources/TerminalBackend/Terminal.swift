import CNcursesw
import Foundation
import TerminalKit
#if canImport(Glibc)
    import Glibc
#endif

/// How a session ended.
package enum TerminalExit: Equatable, Sendable {
    /// The app set `isFinished`.
    case finished
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT arrived; the terminal has been restored.
    case signal(Int32)
}

package struct TerminalError: Error, CustomStringConvertible, Sendable {
    package var description: String
}

/// The one place that sets up the terminal, draws frames, reads input and handles signals (like htop's
/// CRT.c). The shim's signal state is per-file, so every signal call lives in this file.
package enum Terminal {
    /// Both ends must be a terminal; a pipe or file would get escape codes instead of a UI.
    package static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// Runs `app` full-screen until it finishes or a quit signal arrives. The terminal is restored on
    /// return, on a thrown error, at `exit`, and on a crash (by the shim's handlers).
    ///
    /// A quit signal is noticed between frames; should one wait over a second because the app is busy (a
    /// long update or frame), `whenStuck` runs on a watchdog thread with the signal and must end the
    /// process (after saving what it can from what `publish` was last given after an update).
    package static func run<App: TerminalApp>(
        _ app: inout App, publish: ((App) -> Void)? = nil, whenStuck: (@Sendable (Int32) -> Void)? = nil
    ) throws -> TerminalExit {
        guard isInteractive else { throw TerminalError(description: "standard input and output must be a terminal") }
        useUTF8Locale()
        // Swift's backtracer waits for a key on a terminal; hand crashes to it only when asked for.
        shim_install_signal_handlers(getenv("SWIFT_BACKTRACE") != nil ? 1 : 0)

        if shim_terminal_can_address_cursor() == 0 {
            let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
            throw TerminalError(
                description:
                    "terminal type '\(term)' cannot move the cursor, which the map UI needs; run it in a terminal emulator (TERM=xterm-256color, screen, tmux…), or use the subcommands (assetmap --help)"
            )
        }
        guard let screen = shim_newterm() else {
            let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
            throw TerminalError(description: "cannot use terminal type '\(term)'")
        }
        shim_set_screen_active(1)
        shim_capture_stderr()
        defer {
            // Without an alternate screen (vt220, linux console) the UI would stay behind the prompt.
            if shim_has_alternate_screen() == 0 {
                werase(shim_stdscr())
                wrefresh(shim_stdscr())
            }
            shim_restore_terminal()
            delscreen(screen)
        }
        configure()
        var screenWriter = ScreenWriter(colors: ColorPairs(enabled: wantsColor()))

        let watchdog = whenStuck.map(Watchdog.init)
        defer { watchdog?.stop() }
        var size = currentSize()
        app.update(.resize(width: size.width, height: size.height))
        while true {
            publish?(app)
            watchdog?.beat()
            if let signal = pendingQuitSignal() { return .signal(signal) }
            if app.isFinished { return .finished }
            if let command = app.pendingCommand {
                watchdog?.pause(true)  // the editor has the terminal; its end is waited for
                let outcome = runInTerminal(command)
                watchdog?.pause(false)
                app.commandFinished(outcome)
                size = currentSize()
                app.update(.resize(width: size.width, height: size.height))
                screenWriter.forget()
                continue
            }

            var frame = Buffer(width: size.width, height: size.height)
            app.view(into: &frame)
            screenWriter.draw(frame)

            // Nothing typed yet: the app's put-off work runs now, before the wait. Then wait for an event,
            // waking every 100 ms to notice a signal; then take whatever else is already queued before drawing
            // again, so a paste or held key costs one frame, not one per key.
            wtimeout(shim_stdscr(), 0)
            var event = readEvent(delay: 0)
            if event == nil, app.idle() { continue }
            wtimeout(shim_stdscr(), 100)
            while event == nil {
                watchdog?.beat()
                if pendingQuitSignal() != nil || app.outsideChanged() { break }
                event = readEvent(delay: 100)
                if event == nil && shim_terminal_hung_up() != 0 { return .signal(SIGHUP) }
            }
            wtimeout(shim_stdscr(), 0)
            while var next = event {
                if case .resize = next {
                    size = currentSize()
                    next = .resize(width: size.width, height: size.height)
                }
                app.update(next)
                if app.isFinished || pendingQuitSignal() != nil { break }
                event = readEvent(delay: 0)
            }
        }
    }

    /// Puts the screen away, runs `command` with the terminal, brings the screen back.
    private static func runInTerminal(_ command: ExternalCommand) -> CommandOutcome {
        guard !command.arguments.isEmpty else { return .failedToStart("no command") }
        var argv: [UnsafeMutablePointer<CChar>?] = command.arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let status = argv.withUnsafeMutableBufferPointer { shim_run_in_terminal($0.baseAddress!) }
        if status < 0 { return .failedToStart(String(cString: strerror(-status))) }
        if shim_exited(status) != 0 { return .exited(shim_exit_status(status)) }
        return .signalled(shim_term_signal(status))
    }

    /// Puts the terminal back (for a process about to end from another thread).
    package static func restoreForExit() { shim_restore_terminal() }

    /// Notices a quit signal the main loop has not taken within a second: the loop beats each time it
    /// looks for one, so a signal pending over unchanged beats means the loop is busy.
    private final class Watchdog: @unchecked Sendable {
        private let lock = NSLock()
        private var beats = 0, paused = false, stopped = false

        init(whenStuck: @escaping @Sendable (Int32) -> Void) {
            Thread.detachNewThread { [self] in
                var seen = (beats: -1, at: DispatchTime.now())
                while true {
                    usleep(200_000)
                    let (beats, paused, stopped) = lock.withLock { (self.beats, self.paused, self.stopped) }
                    if stopped { return }
                    let signal = Terminal.pendingQuitSignal()
                    guard let signal, !paused else {
                        seen.beats = -1
                        continue
                    }
                    if beats != seen.beats {
                        seen = (beats, DispatchTime.now())
                    } else if DispatchTime.now().uptimeNanoseconds - seen.at.uptimeNanoseconds >= 1_000_000_000 {
                        lock.withLock { self.stopped = true }
                        whenStuck(signal)
                        return
                    }
                }
            }
        }

        func beat() { lock.withLock { beats &+= 1 } }
        func pause(_ on: Bool) { lock.withLock { paused = on } }
        func stop() { lock.withLock { stopped = true } }
    }

    private static func pendingQuitSignal() -> Int32? {
        let signal = shim_pending_quit_signal()
        return signal == 0 ? nil : signal
    }

    /// ncursesw draws wide characters only under a UTF-8 locale; C.UTF-8 is always present on Linux. A terminal
    /// whose own locale is not UTF-8 would show UTF-8 as garbage: it is sent ASCII only (`Glyphs`).
    private static func useUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: shim_codeset()).uppercased()
        let isUTF8 = codeset == "UTF-8" || codeset == "UTF8"
        if !isUTF8 { setlocale(LC_ALL, "C.UTF-8") }
        Glyphs.useASCII(!isUTF8)
    }

    private static func configure() {
        let window = shim_stdscr()
        raw()  // Ctrl-C and Ctrl-Z reach the app as keys
        noecho()
        nonl()
        keypad(window, true)
        curs_set(0)
        set_escdelay(25)
        mouseinterval(0)
        mousemask(shim_button1_pressed() | shim_button4_pressed() | shim_button5_pressed(), nil)
    }

    /// https://no-color.org: a non-empty NO_COLOR turns colour off; so does a terminal without colours.
    private static func wantsColor() -> Bool {
        if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
        guard has_colors() else { return false }
        return start_color() == OK
    }

    private static func currentSize() -> (width: Int, height: Int) {
        let window = shim_stdscr()
        return (Int(shim_getmaxx(window)), Int(shim_getmaxy(window)))
    }

    /// `delay`: the read timeout in force (ms), restored after looking ahead.
    private static func readEvent(delay: Int32) -> InputEvent? {
        var character: wint_t = 0
        let status = wget_wch(shim_stdscr(), &character)
        if status == OK && character == 27 { return escapeOrAltEnter(delay: delay) }
        if status == OK { return InputDecoder.character(UInt32(character)) }
        if status == shim_key_code_yes() {
            if Int32(character) == KEY_MOUSE {
                var mouse = MEVENT()
                guard getmouse(&mouse) == OK else { return nil }
                return InputDecoder.mouse(x: Int(mouse.x), y: Int(mouse.y), buttons: mouse.bstate)
            }
            return InputDecoder.key(Int32(character))
        }
        return nil  // timeout or interrupted by a signal
    }

    /// Esc, or Alt-Enter: Esc with Enter already queued behind it (a person pressing the two keys would
    /// leave the escape delay between them). Anything else queued is put back.
    private static func escapeOrAltEnter(delay: Int32) -> InputEvent? {
        wtimeout(shim_stdscr(), 0)
        defer { wtimeout(shim_stdscr(), delay) }
        var next: wint_t = 0
        switch wget_wch(shim_stdscr(), &next) {
        case OK where next == 13 || next == 10: return .key(.altEnter)
        case OK: unget_wch(wchar_t(next))
        case shim_key_code_yes(): ungetch(Int32(next))
        default: break
        }
        return .key(.escape)
    }
}
