/// The steps of a synthesis, in the order they run. Each step sees everything the earlier ones made
/// and nothing of the later ones; a rendering of the model in another flavor (SAM) is a `transform`,
/// never a condition inside the constructs.
public enum SynthesisPhase: String, CaseIterable, Sendable {
    /// Every construct adds its resources, outputs, parameters and diagnostics (stacks in parallel).
    case construct
    /// Owned resource policies (queues, topics, buckets) render with every statement contributed.
    case resourcePolicies = "resource-policies"
    /// Amendments: one construct changing another's resource (S3 notifications, overrides).
    case amend
    /// References become `Ref`/`Fn::GetAtt`, literals, or exports and imports between stacks; the
    /// stacks are ordered by those imports and checked for dependency cycles.
    case resolve
    /// Output-flavor transforms rewrite each finished template (`Synthesizer.transforms`).
    case transform
    /// CloudFormation's per-stack limits, on the templates as they will be deployed.
    case check
}

/// A rewrite of every finished template, run in the `transform` phase: an output flavor such as SAM.
/// It works on resolved templates (no tokens left) and reports problems as diagnostics.
public protocol TemplateTransform: Sendable {
    /// Shown in diagnostics (`sam`).
    var name: String { get }
    func transform(_ stack: inout SynthesizedStack, diagnostics: inout Diagnostics)
}
