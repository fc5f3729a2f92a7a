-- the values the explorer's filters offer: field ('unit', 'type', 'audience'), value, labels
select field, value, label_vi, label_en
from activity_labels
where field in ('unit', 'type', 'audience')
order by field, label_vi
