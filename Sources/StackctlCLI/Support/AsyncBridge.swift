import Foundation

/// Runs async work from a synchronous command and waits for it. Commands are synchronous
/// (`StackctlCommand.run`); the deploy engine is async. The work runs detached on the cooperative
/// pool while the calling thread (the main thread, or a test's) waits.
enum AsyncBridge {
    private final class Box<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }

    static func run<T>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }
}
