"""Celery tasks for Clockwork's tests: add() appends each call to the file CW_CALLS names, boom() raises."""
import json
import os

from celery import Celery

app = Celery('cwtasks', broker=os.environ['CW_BROKER'], backend='rpc://')
app.conf.update(task_serializer='json', accept_content=['json'], result_serializer='json',
                worker_prefetch_multiplier=1, task_acks_late=True, broker_connection_retry_on_startup=True,
                worker_hijack_root_logger=False)
CALLS = os.environ['CW_CALLS']


@app.task(name='cwtasks.add', bind=True)
def add(self, x, y, **kwargs):
    with open(CALLS, 'a') as calls:
        calls.write(json.dumps({'id': self.request.id, 'args': [x, y], 'kwargs': kwargs}) + '\n')
    return x + y


@app.task(name='cwtasks.boom')
def boom():
    raise ValueError('boom from the worker')
