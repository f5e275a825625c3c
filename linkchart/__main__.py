from linkchart.cli import main

main()
