from pilkada_cli.cli import main

main()
