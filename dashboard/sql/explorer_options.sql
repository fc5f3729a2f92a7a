-- the values the explorer's filters offer: field, value, labels
select field, value, label_vi, label_en
from activity_options
order by field, label_vi
