#!/usr/bin/env python3
"""Writes a kst-topology/1 file with one Front End pool of N computers.

The shape of issue 16: every computer is a server and every computer's name
an FQDN, so the cells (servers x FQDNs) grow as N^2 while the cell classes
stay a handful. Used to measure time and peak memory:

    python3 bench/one_pool_topology.py 20000 >/tmp/pool-20k.json
    /usr/bin/time -f "%e s %M KB" build/kst check /tmp/pool-20k.json
"""
import json
import sys


def main():
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        sys.exit("usage: one_pool_topology.py N  (computers in the pool)")
    n = int(sys.argv[1])
    pool = {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
            "computers": [f"fe{i:06d}.contoso.com" for i in range(n)]}
    json.dump({"format": "kst-topology/1", "lync": {"pools": [pool]}}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
