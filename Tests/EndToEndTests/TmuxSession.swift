import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The real `assetmap` binary running in a private tmux server: keys in, screen text out.
/// Every wait polls the screen against a deadline; nothing sleeps for a fixed time.
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One tmux server per session (its own socket), so tests never see each other.
    let socket = "assetmap-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
    let timeout: Double

    /// Starts `shellCommand` under `sh -c` in an 80×24 (or given) pane, with a UTF-8 locale and
    /// an xterm-256color terminal; `environment` adds variables (e.g. NO_COLOR).
    init(
        shellCommand: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:],
        timeout: Double = 20
    ) throws {
        self.timeout = timeout
        // Missing tmux is a failure, not a skip: CI installs it (script/setup).
        guard Self.isTmuxAvailable else { throw TmuxMissing() }
        let variables = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]
            .merging(environment) { $1 }
            .sorted { $0.key < $1.key }
            .map { "\($0.key)=\(Self.quote($0.value))" }
            .joined(separator: " ")
        try tmux([
            "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
            "env \(variables) sh -c \(Self.quote(shellCommand))",
        ])
        // Keep the pane (and what was printed) after the command ends.
        try tmux(["set-option", "-g", "remain-on-exit", "on"])
    }

    deinit { kill() }

    /// Stops the whole tmux server and everything in it.
    func kill() {
        _ = try? tmux(["kill-server"], allowFailure: true)
        // tmux leaves its socket file behind.
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(folder)/tmux-\(getuid())/\(socket)")
    }

    /// tmux key names: "Down", "Enter", "Escape", "C-r", "BSpace", "Tab", …
    func press(_ keys: String...) throws { try press(keys) }

    func press(_ keys: [String]) throws {
        if !keys.isEmpty { try tmux(["send-keys"] + keys) }
    }

    /// Types text literally.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-l", text])
    }

    /// Opens a one-line prompt with `key`, waits for its title, types `text` and presses Enter.
    func answer(_ key: String, prompt title: String, with text: String) throws {
        try press(key)
        try waitFor("━ \(title) ━")
        try type(text)
        try press("Enter")
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen, one line per row.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p"])
    }

    /// The process id of the pane's first process (the `sh -c`).
    func shellPID() throws -> pid_t {
        let text = try tmux(["display-message", "-p", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = pid_t(text) else { throw Failure(description: "no pane pid in \(text)") }
        return pid
    }

    /// The shell's child whose command line starts with `executable` (the app), waiting for it to exist.
    func childPID(named executable: String) throws -> pid_t {
        let parent = try shellPID()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let pid = pid_t(entry),
                    let status = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                    let close = status.lastIndex(of: ")")
                else { continue }
                // Fields after "(comm) ": state, ppid, …
                let fields = status[status.index(after: close)...].split(separator: " ")
                guard fields.count > 1, pid_t(fields[1]) == parent else { continue }
                let commandLine = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(entry)/cmdline"))) ?? Data()
                let first = String(decoding: commandLine.prefix { $0 != 0 }, as: UTF8.self)
                if first == executable { return pid }
            }
            pause()
        }
        throw Failure(description: "no child \(executable) of pid \(parent)")
    }

    /// Polls until `condition` holds for a settled screen (the same on two polls in a row, so a frame half drawn
    /// is not taken), returning that screen; on timeout, fails with it.
    @discardableResult
    func waitUntil(_ what: String, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        var previous: String?
        while Date() < deadline {
            last = try screen()
            if last == previous, condition(last) { return last }
            previous = last
            pause()
        }
        throw Failure(description: "timed out waiting for \(what); the screen was:\n\(last)")
    }

    @discardableResult
    func waitFor(_ text: String) throws -> String {
        try waitUntil("\"\(text)\"") { $0.contains(text) }
    }

    @discardableResult
    func waitForAbsence(of text: String) throws -> String {
        try waitUntil("\"\(text)\" to go") { !$0.contains(text) }
    }

    private func pause() { usleep(50_000) }

    @discardableResult
    func tmux(_ arguments: [String], allowFailure: Bool = false) throws -> String {
        // posix_spawn and files rather than Foundation's Process and pipes: the tmux server daemon
        // inherits the child's descriptors, and Process then never sees the client exit.
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(socket)-\(UUID().uuidString).out")
        let errorURL = outputURL.appendingPathExtension("err")
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        // A minimal environment: the test runner's own (TMUX, NO_COLOR, COLUMNS, …) must not leak into the app.
        let kept: Set = ["PATH", "HOME", "TMPDIR", "TMUX_TMPDIR", "USER", "LOGNAME"]
        let environment = ProcessInfo.processInfo.environment.filter { kept.contains($0.key) }.map {
            "\($0.key)=\($0.value)"
        }
        let argv = [TmuxSession.tmuxPath, "-L", socket] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        var cEnvironment = environment.map { strdup($0) } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        // Test threads block signals, and a spawned tmux server would inherit that: it could then never
        // be stopped by kill-server (SIGTERM), nor could the app be. Start with no signals blocked.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, TmuxSession.tmuxPath, &actions, &attributes, &cArguments, &cEnvironment)
        guard spawned == 0 else { throw Failure(description: "cannot run tmux: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitedCleanly = (status & 0x7f) == 0 && ((status >> 8) & 0xff) == 0
        if !exitedCleanly && !allowFailure {
            let errorText = String(decoding: (try? Data(contentsOf: errorURL)) ?? Data(), as: UTF8.self)
            throw Failure(description: "tmux \(arguments.joined(separator: " ")): \(errorText)")
        }
        return String(decoding: (try? Data(contentsOf: outputURL)) ?? Data(), as: UTF8.self)
    }

    static let tmuxPath: String = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(directory)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/tmux"
    }()

    struct TmuxMissing: Error, CustomStringConvertible {
        var description: String { "tmux is not installed: run script/setup (apt-get install tmux)" }
    }

    static var isTmuxAvailable: Bool { FileManager.default.isExecutableFile(atPath: tmuxPath) }

    /// Single-quotes for sh.
    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

extension TmuxSession {
    /// A tmux pane variable such as `alternate_on`, `cursor_flag` or `mouse_any_flag`.
    func paneFlag(_ name: String) throws -> String {
        try tmux(["display-message", "-p", "#{\(name)}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
