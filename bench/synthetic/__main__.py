import sys

from bench.synthetic.command import main

sys.exit(main())
