"""The README's OncePerFire worker for Clockwork's cluster test: tick() records every delivery in the file CW_CALLS
names, with whether it ran or was dropped as a repeat of a task id that already ran (done ids in Redis)."""
import json
import os

import redis
from celery import Celery, Task

app = Celery('cwdedupe', broker=os.environ['CW_BROKER'], backend='rpc://')
app.conf.update(task_serializer='json', accept_content=['json'], result_serializer='json',
                task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
                broker_connection_retry_on_startup=True, worker_hijack_root_logger=False)
seen = redis.Redis(host='127.0.0.1', port=6379)
CALLS = os.environ['CW_CALLS']
PREFIX = 'clockwork:done:' + os.environ.get('CW_DEDUPE_PREFIX', '')


def record(task_id, ran):
    with open(CALLS, 'a') as calls:
        calls.write(json.dumps({'id': task_id, 'ran': ran}) + '\n')


class OncePerFire(Task):
    def __call__(self, *args, **kwargs):
        done = PREFIX + self.request.id
        with seen.lock('clockwork:running:' + self.request.id, timeout=3600, blocking_timeout=3600):
            if seen.exists(done):
                record(self.request.id, False)
                return None
            result = super().__call__(*args, **kwargs)
            seen.set(done, 1, ex=3600)
            record(self.request.id, True)
            return result


@app.task(base=OncePerFire, name='cwdedupe.tick')
def tick(n):
    return n
