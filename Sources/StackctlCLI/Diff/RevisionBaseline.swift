import Foundation
import StackDeploy
import StackDiff

/// `--base REV`: the estate as it was at a git revision. The revision is checked out in a detached
/// worktree, its own `stackctl` is built there and synthesizes the environment as JSON into a temporary
/// folder, which is then read like `--base-dir`. The worktree is removed afterwards, also on failure.
///
/// The worktree sits at a fixed place, `.build/diff-base/worktree`, and builds with the scratch path
/// `.build/diff-base/scratch`, so that the dependencies and unchanged modules of the last run are reused
/// (a first run builds everything; later ones only what changed).
struct RevisionBaseline: DiffBaseline {
    var root: URL
    var revision: String
    var environment: String
    var progress: (String) -> Void
    /// The `swift` to build with.
    var swift = ProcessInfo.processInfo.environment["STACKCTL_SWIFT"] ?? "swift"

    var label: String { revision }

    func templates(for current: [BaselineStack]) throws -> [BaselineTemplate] {
        let top = try git(["rev-parse", "--show-toplevel"], in: root, failure: { _ in
            CLIError("--base \(revision): \(root.path) is not in a git repository",
                     hint: "run stackctl diff --base inside a clone of the repository, or diff against a folder with --base-dir")
        })
        let repository = URL(fileURLWithPath: top)
        let commit = try git(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], in: repository, failure: { _ in
            CLIError("--base \(revision): unknown revision",
                     hint: "check the name (`git log --oneline`), or fetch it first (`git fetch origin main`); in CI check out with fetch-depth: 0")
        })
        let area = repository.appendingPathComponent(".build/diff-base")
        let worktree = area.appendingPathComponent("worktree")
        let scratch = area.appendingPathComponent("scratch")
        try? FileManager.default.createDirectory(at: area, withIntermediateDirectories: true)
        // One --base diff at a time per repository: they share the worktree and the scratch path.
        let lock = open(area.appendingPathComponent("lock").path, O_CREAT | O_RDWR, 0o644)
        if lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) != 0 {
            progress("diff: waiting for another `stackctl diff --base` in this repository to finish")
            flock(lock, LOCK_EX)
        }
        defer { if lock >= 0 { flock(lock, LOCK_UN); close(lock) } }
        removeWorktree(worktree, repository: repository)  // left over from an interrupted run
        progress("diff: checking out \(revision) (\(commit.prefix(12))) in \(worktree.path)")
        _ = try git(["worktree", "add", "--detach", "--force", worktree.path, commit], in: repository, failure: { output in
            CLIError("--base \(revision): cannot create a worktree: \(Subprocess.tail(output, 5))",
                     hint: "remove \(worktree.path) and run `git worktree prune`", status: .io)
        })
        defer { removeWorktree(worktree, repository: repository) }

        // The same dependency versions as this checkout (Package.resolved is not committed): no
        // resolution round-trip, and a base built like the current side. SwiftPM re-resolves if they do not fit.
        let resolved = repository.appendingPathComponent("Package.resolved")
        if FileManager.default.fileExists(atPath: resolved.path) {
            try? FileManager.default.copyItem(at: resolved, to: worktree.appendingPathComponent("Package.resolved"))
        }
        progress("diff: building stackctl at \(revision) (scratch path \(scratch.path); later runs are incremental)")
        let build = Subprocess.run([swift, "build", "--product", "stackctl", "--scratch-path", scratch.path], in: worktree)
        guard build.status == 0 else {
            throw CLIError("--base \(revision): stackctl does not build at that revision:\n\(Subprocess.tail(build.output))",
                           hint: "diff against a revision that builds, or against a folder synthesized earlier with --base-dir")
        }
        // Asset hashes include the pinned versions of the packages functions link, or the declared
        // requirement when there is no Package.resolved: the base must hash like the current side, or every
        // function would show a code change. The build wrote one into the worktree; without ours, it goes.
        if !FileManager.default.fileExists(atPath: resolved.path) {
            try? FileManager.default.removeItem(at: worktree.appendingPathComponent("Package.resolved"))
        }
        let binary = scratch.appendingPathComponent("debug/stackctl")
        let out = area.appendingPathComponent("out-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: out) }
        progress("diff: synthesizing \(environment) at \(revision)")
        let synth = Subprocess.run([binary.path, "synth", "--env", environment, "--out", out.path, "--format", "json", "--quiet"],
                                   in: worktree, environment: ["STACKCTL_ROOT": worktree.path])
        guard synth.status == 0 else {
            throw CLIError("--base \(revision): synthesizing \(environment) at that revision failed:\n\(Subprocess.tail(synth.output))",
                           hint: "the environment may not exist at \(revision); diff another environment or revision")
        }
        return try DirectoryBaseline(folder: out, label: revision, flag: "--base \(revision)").templates(for: current)
    }

    private func removeWorktree(_ worktree: URL, repository: URL) {
        if FileManager.default.fileExists(atPath: worktree.path) {
            _ = Subprocess.run(["git", "worktree", "remove", "--force", worktree.path], in: repository)
            try? FileManager.default.removeItem(at: worktree)
        }
        _ = Subprocess.run(["git", "worktree", "prune"], in: repository)
    }

    /// Runs git; its trimmed output, or the error `failure` makes of it.
    private func git(_ arguments: [String], in directory: URL, failure: (String) -> CLIError) throws -> String {
        let result = Subprocess.run(["git"] + arguments, in: directory)
        guard result.status == 0 else { throw failure(result.output) }
        return result.output
    }
}
