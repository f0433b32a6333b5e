from evdict.cli import main

main()
