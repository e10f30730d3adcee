from preflight.launch import entry

entry()
