from preflight.launch import main

main()
