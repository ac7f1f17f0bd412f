-- Learning paths used to restate documents' checklist items under their own ids (path-beginner-xor
-- beside nn-xor), so one skill had two ticks. Paths now list the documents' items; a tick of a retired
-- path item becomes a tick of the item it stood for. The table stays, so that ticks kept in a browser
-- before this change are mapped the same way when the learner signs in (see ProgressService.merge).
create table retired_checklist_item (
    old_id varchar(120) not null primary key,
    new_id varchar(120) not null
);

insert into retired_checklist_item (old_id, new_id) values
    ('path-beginner-neuron', 'nn-neuron'),
    ('path-beginner-xor', 'nn-xor'),
    ('path-beginner-training', 'nn-gradient-descent'),
    ('path-beginner-mlp', 'mlp-forward-pass'),
    ('path-beginner-rnn', 'rnn-vanishing-exploding'),
    ('path-beginner-tokens', 'nn-embeddings'),
    ('path-beginner-attention', 'tf-attention'),
    ('path-beginner-generation', 'tf-sampling'),
    ('path-practitioner-shapes', 'tf-pipeline'),
    ('path-practitioner-attention', 'pt-attention'),
    ('path-practitioner-block', 'tf-residual'),
    ('path-practitioner-params', 'tf-params'),
    ('path-practitioner-variants', 'tf-variants'),
    ('path-practitioner-training', 'pt-training-loop'),
    ('path-practitioner-char-model', 'pt-char-transformer'),
    ('path-practitioner-inference', 'tf-efficiency'),
    ('path-practitioner-adaptation', 'ks-choosing'),
    ('path-practitioner-rag', 'ks-rag'),
    ('path-research-softmax-gradient', 'math-softmax-gradients'),
    ('path-research-scaling', 'math-sqrt-dk'),
    ('path-research-attention-gradients', 'math-attention-gradients'),
    ('path-research-online-softmax', 'math-attention-gradients'),
    ('path-research-rope', 'math-positions'),
    ('path-research-preln-backprop', 'math-block-backward'),
    ('path-research-adamw', 'math-optimizers'),
    ('path-research-flops-memory', 'math-compute-budget'),
    ('path-research-compression', 'math-information'),
    ('path-research-interpretability', 'tf-evaluation');

-- The earliest tick wins when two retired items stand for one item, or the learner ticked both.
insert into checklist_tick (account_id, item_id, ticked_at)
select t.account_id, r.new_id, min(t.ticked_at)
from checklist_tick t
join retired_checklist_item r on r.old_id = t.item_id
where not exists (select 1 from checklist_tick e where e.account_id = t.account_id and e.item_id = r.new_id)
group by t.account_id, r.new_id;

update checklist_tick set ticked_at = (
    select min(o.ticked_at) from checklist_tick o join retired_checklist_item r on r.old_id = o.item_id
    where o.account_id = checklist_tick.account_id and r.new_id = checklist_tick.item_id)
where exists (
    select 1 from checklist_tick o join retired_checklist_item r on r.old_id = o.item_id
    where o.account_id = checklist_tick.account_id and r.new_id = checklist_tick.item_id
      and o.ticked_at < checklist_tick.ticked_at);

delete from checklist_tick where item_id in (select old_id from retired_checklist_item);
