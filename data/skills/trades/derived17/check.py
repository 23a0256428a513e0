# Checks the derived variant files (code<TAB>variants<TAB>FICHE): the trades' check (../check.py),
# the codes being those of missed/FICHE.txt (its second column). (Seventeenth session: run from its
# scratch folder /work/s17v.) Usage: check.py FILE...
import os, runpy, sys
sys.argv[1:1] = ['--codes', '/work/s17v/missed', '1']
runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'check.py'),
               run_name='__main__')
