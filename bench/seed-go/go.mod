// The Go article's program (see main.go). Standard library only: building it never downloads a module.
module leakbench/seedgo

go 1.19
