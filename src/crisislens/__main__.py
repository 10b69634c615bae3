from crisislens.cli.app import main

main()
