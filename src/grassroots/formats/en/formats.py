# Django's English TIME_FORMAT "P" writes "midnight" and "3:15 p.m.": bylines read better,
# and match the Russian and Kazakh ones, with the 24-hour clock. The rest stays Django's.
TIME_FORMAT = "H:i"
