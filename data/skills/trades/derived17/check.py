# Checks the derived variant files (code<TAB>variants<TAB>FICHE): the trades' check (../check.py),
# the codes being those of $DERIVED_SCRATCH/missed/FICHE.txt (its second column; /work/s17v in the
# seventeenth session, /work/s18v in the eighteenth). Usage: check.py FILE...
import os, runpy, sys
sys.argv[1:1] = ['--codes', os.environ.get('DERIVED_SCRATCH', '/work/s17v') + '/missed', '1']
runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'check.py'),
               run_name='__main__')
