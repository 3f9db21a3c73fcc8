from pilkada_cli.launch import main

main()
