// Module StackAWS.
