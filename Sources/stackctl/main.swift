import Estate
import StackctlCLI

// The estate lives in stacks/; the CLI does the rest.
Stackctl.main(PipelineEstate.self)
