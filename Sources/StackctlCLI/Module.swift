// Module StackctlCLI.
