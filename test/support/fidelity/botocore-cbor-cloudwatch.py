"""botocore's own CBOR client for CloudWatch: the model's protocols narrowed to smithy-rpc-v2-cbor (botocore 1.43
prefers awsJson1_0 when a model lists both), then ListMetrics, GetMetricData and one error, printed as JSON with the
protocol each response came back in."""
import json, os, sys, datetime
import botocore.session
from botocore.exceptions import ClientError

session = botocore.session.get_session()
loader = session.get_component('data_loader')
original = loader.load_service_model

def cbor_only(service_name, type_name, api_version=None):
    model = original(service_name, type_name, api_version)
    if service_name == 'cloudwatch' and type_name == 'service-2':
        model = dict(model, metadata=dict(model['metadata'], protocols=['smithy-rpc-v2-cbor']))
    return model

loader.load_service_model = cbor_only
client = session.create_client('cloudwatch', endpoint_url=os.environ['AWS_ENDPOINT_URL'])
seen = []
client.meta.events.register('after-call.cloudwatch', lambda http_response, **kw: seen.append(http_response.headers.get('content-type')))
now = datetime.datetime.now(datetime.timezone.utc)
out = {'protocol': client.meta.service_model.resolved_protocol}
out['metrics'] = client.list_metrics()['Metrics']
r = client.get_metric_data(StartTime=now - datetime.timedelta(hours=1), EndTime=now, MetricDataQueries=[
    {'Id': 'l', 'MetricStat': {'Metric': {'Namespace': 'AWS/Lambda', 'MetricName': 'ConcurrentExecutions'}, 'Period': 300, 'Stat': 'Maximum'}}])
res = r['MetricDataResults'][0]
out['result'] = {'Id': res['Id'], 'StatusCode': res['StatusCode'], 'Values': res['Values'],
                 'Timestamps': [t.isoformat() for t in res['Timestamps']]}
try:
    client.get_metric_data(StartTime=now, EndTime=now, MetricDataQueries=[{'Id': 'l', 'MetricStat': {'Metric': {'Namespace': 'AWS/Lambda', 'MetricName': 'ConcurrentExecutions'}, 'Period': 300, 'Stat': 'Maximum'}}])
except ClientError as e:
    out['error'] = {'Code': e.response['Error']['Code'], 'Message': e.response['Error']['Message']}
out['contentTypes'] = seen
print(json.dumps(out))
