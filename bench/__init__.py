"""The benchmark: starts a fresh server and measures it through its public interfaces."""
