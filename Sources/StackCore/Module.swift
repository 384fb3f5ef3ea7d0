// Module StackCore.
