/// A key press, decoded by the terminal backend (or written by a test).
package enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    /// Ctrl plus a letter, e.g. `.ctrl("r")`.
    case ctrl(Character)
    case up, down, left, right
    case enter, backspace, tab, backTab, escape, delete
    /// Terminals send Alt-Enter as Esc then Enter at once; the backend joins them.
    case altEnter
    case pageUp, pageDown, home, end
    case function(Int)

    /// The name shown in help and hints.
    package var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(String(c).uppercased())"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .enter: return "Enter"
        case .altEnter: return "Alt-Enter"
        case .backspace: return "Backspace"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .delete: return "Del"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .function(let n): return "F\(n)"
        }
    }
}

package struct MouseEvent: Hashable, Sendable {
    package enum Action: Hashable, Sendable { case press, scrollUp, scrollDown }
    package var x: Int
    package var y: Int
    package var action: Action

    package init(x: Int, y: Int, action: Action) {
        self.x = x
        self.y = y
        self.action = action
    }
}

package enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
}

/// What the terminal backend runs: Elm-style, one event in, a new state, then a frame drawn into a Buffer.
package protocol TerminalApp {
    mutating func update(_ event: InputEvent)
    func view(into buffer: inout Buffer)
    /// Set once the user has quit; the backend then restores the terminal and exits.
    var isFinished: Bool { get }
    /// A program to run in the terminal before the next frame (an editor); the backend runs it with the
    /// screen put away, then calls `commandFinished`.
    var pendingCommand: ExternalCommand? { get }
    mutating func commandFinished(_ outcome: CommandOutcome)
    /// Work put off so that the first frame comes sooner, done while no key waits; true when some was done
    /// (the backend then draws again and asks once more before it waits for a key).
    mutating func idle() -> Bool
    /// Whether something outside changed what the frame shows (the live room); asked while waiting
    /// for a key, every 100 ms. True: the backend draws again.
    mutating func outsideChanged() -> Bool
}

/// A program the app asks to run in the terminal (an editor): the backend puts the screen away, runs it
/// with the terminal, brings the screen back and reports how it ended. The app stays a state machine.
package struct ExternalCommand: Equatable, Sendable {
    /// The program and its arguments (`arguments[0]` looked up on PATH).
    package var arguments: [String]

    package init(_ arguments: [String]) { self.arguments = arguments }
}

/// How an `ExternalCommand` ended.
package enum CommandOutcome: Equatable, Sendable {
    case exited(Int32)
    /// Killed by this signal.
    case signalled(Int32)
    /// It could not be started: why.
    case failedToStart(String)
}

extension TerminalApp {
    package var pendingCommand: ExternalCommand? { nil }
    package mutating func commandFinished(_ outcome: CommandOutcome) {}
    package mutating func idle() -> Bool { false }
    package mutating func outsideChanged() -> Bool { false }
}
