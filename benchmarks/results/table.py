import json,statistics,sys
def load(f):
    try: return json.load(open(f))
    except Exception: return []
def med(r): 
    raw=[x for it in r['primaryMetric']['rawData'] for x in it]
    return statistics.median(raw)
def sec(r,name):
    m=r.get('secondaryMetrics',{}).get(name)
    if not m: return None
    raw=[x for it in m['rawData'] for x in it]
    return statistics.median(raw)
for f in sys.argv[1:]:
    print('##',f)
    for r in load(f):
        name=r['benchmark'].split('.')[-1]; params=r.get('params') or {}
        print(name, params, 'threads=%d'%r['threads'], 'median=%.0f %s'%(med(r),r['primaryMetric']['scoreUnit']), 'mean=%.0f ±%.0f'%(r['primaryMetric']['score'],r['primaryMetric']['scoreError']), 'alloc=%s'%(('%.0f B/op'%sec(r,'gc.alloc.rate.norm')) if sec(r,'gc.alloc.rate.norm') is not None else '-'))
